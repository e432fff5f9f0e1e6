import { describe, expect, it } from 'vitest';
import {
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const MERCHANT = 'merchant14'; // 国货美妆优选: sells skincare, makeup and sunscreen (server/src/seed/demo-shops.ts)

interface CategoryNode {
  category: { id: number; nameEn: string; requiredQualifications: string[] };
  children: CategoryNode[];
}

/** The sunscreen category, and a special-cosmetic registration number the registry knows (one of the shop's listed sunscreens). */
async function registeredSunscreenNumber() {
  const merchant = await apiLogin(MERCHANT);
  const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
  const tree = await merchant.call<CategoryNode[]>('GET', '/categories');
  const all = (nodes: CategoryNode[]): CategoryNode[] => nodes.flatMap((n) => [n, ...all(n.children)]);
  const sunscreen = all(tree).find((n) => n.category.nameEn === 'Sunscreen')!.category;
  expect(sunscreen.requiredQualifications).toEqual(['cosmetic_registration']);
  const listed = await merchant.call<{ items: { id: number; categoryId: number }[] }>(
    'GET',
    `/shops/${shop!.id}/products?state=listed&limit=100`,
  );
  const seeded = listed.items.find((p) => p.categoryId === sunscreen.id)!;
  const detail = await merchant.call<{ qualificationNo: string }>(
    'GET',
    `/shops/${shop!.id}/products/${seeded.id}`,
  );
  return { merchant, shopId: shop!.id, number: detail.qualificationNo };
}

describe('journey 3: a cosmetic without a registration number is refused and explained, then lists with a valid one', () => {
  it('shows why the listing review rejected the sunscreen and lists it once the number is registered', async () => {
    const { merchant, shopId, number } = await registeredSunscreenNumber();
    expect(number).toMatch(/^国妆特字G\d{8}$/);
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);

    // A new sunscreen, without any registration number.
    await page.goto('/merchant/products/new');
    await page.getByRole('heading', { name: '发布新商品' }).waitFor();
    const title = `清透防晒乳 SPF50 ${Date.now() % 100000}`;
    await page.getByLabel('商品标题').fill(title);
    await page.getByLabel('商品描述').fill('轻薄不油腻，适合日常通勤。');
    await page.getByLabel('类目').selectOption({ label: '防晒' });
    // The form says what this category needs before anything is sent.
    await page.getByText('提交审核前必须填写：特殊化妆品注册证编号').waitFor();
    await page.getByLabel('SKU 1 编码').fill('SUN-50ML');
    await page.getByLabel('SKU 1 规格').fill('50ml');
    await page.getByLabel('SKU 1 价格（元）').fill('89.00');
    await page.getByLabel('SKU 1 库存').fill('200');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/merchant\/products\/\d+$/);
    const productId = Number(page.url().split('/').at(-1));

    // Submitting without a number: refused at the number's field, and the review panel says what is missing.
    await page.getByRole('button', { name: '提交上架审核' }).click();
    await page.locator('.field-invalid').getByText('该类目提交审核前必须填写特殊化妆品注册证编号').waitFor();
    await expect(page.getByTestId('screening-explanation').innerText()).resolves.toContain(
      '该类目必须填写资质证号（特殊化妆品注册证编号），目前没有填写',
    );

    // A number of the right shape that the registry does not know: the review rejects it and says why.
    const qualification = page.getByLabel('资质证号（注册证/备案编号）');
    await qualification.fill('国妆特字G20209999');
    await page.getByRole('button', { name: '提交上架审核' }).click();
    await page.getByText('审核未通过，请查看右侧的原因。').waitFor();
    const explanation = page.getByTestId('screening-explanation');
    await expect(explanation.innerText()).resolves.toContain('商品没有通过上架审核');
    await expect(explanation.innerText()).resolves.toContain('资质证号 国妆特字G20209999 在登记库中查无此号');
    await expect(explanation.innerText()).resolves.not.toContain('is not in the registry');
    await page.locator('.m-timeline').getByText('审核中 → 审核未通过').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'j3-rejected');

    // The registered number: it lists at once.
    await qualification.fill(number);
    await page.getByRole('button', { name: '提交上架审核' }).click();
    await page.getByText('审核通过，商品已上架。').waitFor();
    await expect(explanation.innerText()).resolves.toContain('商品已通过审核并上架');
    await page.locator('.m-timeline').getByText('审核中 → 已上架').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'j3-listed');

    // Buyers can find it now, with the number that was checked.
    const saved = await merchant.call<{ state: string; qualificationNo: string }>(
      'GET',
      `/shops/${shopId}/products/${productId}`,
    );
    expect(saved).toMatchObject({ state: 'listed', qualificationNo: number });
    const res = await fetch(`${page.url().split('/merchant')[0]}/api/v1/products/${productId}`);
    expect(res.status).toBe(200);

    // The product list shows it listed.
    await page.getByRole('link', { name: '返回商品列表' }).click();
    await page
      .getByRole('row', { name: new RegExp(title) })
      .getByText('已上架')
      .waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
