import { describe, expect, it } from 'vitest';
import { addressMessages } from '../src/i18n/addresses.ts';
import { buyerMessages } from '../src/i18n/buyer.ts';
import { commonMessages } from '../src/i18n/common.ts';
import { errorMessages } from '../src/i18n/errors.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
import {
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  fill,
  languageProblems,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const en = {
  ...commonMessages.en,
  ...errorMessages.en,
  ...buyerMessages.en,
  ...merchantMessages.en,
  ...addressMessages.en,
};
const zh = {
  ...commonMessages.zh,
  ...errorMessages.zh,
  ...buyerMessages.zh,
  ...merchantMessages.zh,
  ...addressMessages.zh,
};

interface Address {
  id: number;
  recipient: string;
  phone: string;
  regionCode: string;
  regionName: string;
  detail: string;
  isDefault: boolean;
}

describe('addresses', () => {
  it('a buyer adds an address with the region picker, is told what is wrong, and makes it the default', async () => {
    const BUYER = 'buyer33';
    const api = await apiLogin(BUYER);
    const before = await api.call<Address[]>('GET', '/me/addresses');
    expect(before.filter((a) => a.isDefault)).toHaveLength(1);

    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', BUYER);
    const page = await newPage(context);
    await page.goto('/me');
    await page.getByRole('link', { name: zh['buyer.me.addresses'] }).click();
    await page.getByRole('heading', { name: zh['buyer.addresses.title'] }).waitFor();
    // The demo address is listed with the 默认 badge and the buyer's own full phone number.
    const list = page.getByRole('list', { name: zh['buyer.addresses.title'] });
    await list.getByText(before.find((a) => a.isDefault)!.phone).waitFor();
    await list.getByText(zh['address.default'], { exact: true }).waitFor();

    await page.getByRole('button', { name: zh['address.add'] }).click();
    const form = page.getByRole('form', { name: zh['buyer.addresses.newTitle'] });
    await form.getByLabel(zh['address.recipient']).fill('欧阳娜娜');
    await form.getByLabel(zh['address.phone']).fill('1381234');
    await form.getByLabel(zh['address.detail']).fill('南京西路 1266 号 恒隆广场 2 座 3501');
    // Province → city → county: a higher level clears the one below.
    await form.getByLabel(zh['region.province']).selectOption({ label: '上海市' });
    await form.getByLabel(zh['region.county']).selectOption({ label: '静安区' });
    await form.getByRole('button', { name: zh['address.save'] }).click();
    // The server's reason, in words, under the phone field.
    await form.getByText('需为 11 位手机号（13–19 开头）', { exact: true }).waitFor();
    await expectCleanText(page);
    await form.getByLabel(zh['address.phone']).fill('138 1234 5678');
    await form.getByRole('button', { name: zh['address.save'] }).click();
    await page.getByRole('status').getByText(zh['address.saved']).waitFor();
    await list.getByText('上海市 静安区 南京西路 1266 号 恒隆广场 2 座 3501').waitFor();

    const added = (await api.call<Address[]>('GET', '/me/addresses')).find(
      (a) => a.recipient === '欧阳娜娜',
    )!;
    expect(added).toMatchObject({ phone: '13812345678', regionCode: '310106', isDefault: false });

    // Set it as the default: the badge moves, exactly one default remains.
    await list
      .getByRole('listitem')
      .filter({ hasText: '欧阳娜娜' })
      .getByRole('button', { name: zh['address.setDefault'] })
      .click();
    await page.getByRole('status').getByText(zh['address.defaultSet']).waitFor();
    await list.getByRole('listitem').first().getByText('欧阳娜娜').waitFor();
    const after = await api.call<Address[]>('GET', '/me/addresses');
    expect(after.filter((a) => a.isDefault).map((a) => a.id)).toEqual([added.id]);
    await expectCleanText(page);
    await screenshot(page, 'buyer-addresses');

    // Deleting asks first; the default passes to the remaining address.
    await list
      .getByRole('listitem')
      .filter({ hasText: '欧阳娜娜' })
      .getByRole('button', { name: `${zh['address.delete']} 欧阳娜娜`, exact: false })
      .click();
    const dialog = page.getByRole('dialog', { name: zh['address.deleteTitle'] });
    await dialog.getByRole('button', { name: zh['address.deleteConfirm'] }).click();
    await page.getByRole('status').getByText(zh['address.deleted']).waitFor();
    const left = await api.call<Address[]>('GET', '/me/addresses');
    expect(left.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    expect(left.filter((a) => a.isDefault)).toHaveLength(1);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('reads in English: the book, the form and its field errors', async () => {
    const context = await newContext(browser(), { lang: 'en' });
    await signInAs(context, 'buyer', 'buyer34');
    const page = await newPage(context);
    await page.goto('/addresses');
    await page.getByRole('heading', { name: en['buyer.addresses.title'] }).waitFor();
    await page.getByRole('button', { name: en['address.add'] }).click();
    const form = page.getByRole('form', { name: en['buyer.addresses.newTitle'] });
    await form.getByLabel(en['address.recipient']).fill('Li Na');
    await form.getByLabel(en['address.phone']).fill('13900001234');
    await form.getByLabel(en['address.detail']).fill('478 Wensan Road, Room 1201');
    await form.getByLabel(en['region.province']).selectOption({ label: '浙江省' });
    await form.getByLabel(en['region.city']).selectOption({ label: '杭州市' });
    await form.getByRole('button', { name: en['address.save'] }).click();
    await form.getByText('choose down to the district or county', { exact: true }).waitFor();
    await expectCleanText(page);
    expect(await languageProblems(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a merchant sets the shop’s return address', async () => {
    const MERCHANT = 'merchant12';
    const api = await apiLogin(MERCHANT);
    const [shop] = await api.call<{ id: number; name: string }[]>('GET', '/me/shops');
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.addresses.nav'] }).click();
    await page.getByRole('heading', { name: zh['merchant.addresses.title'] }).waitFor();
    const card = page.getByRole('region', { name: zh['merchant.addresses.return'] });
    await card
      .getByRole('button', { name: `${zh['merchant.addresses.edit']} ${zh['merchant.addresses.return']}` })
      .click();
    const form = card.getByRole('form', { name: zh['merchant.addresses.return'] });
    await form.getByLabel(zh['address.recipient']).fill('退货组 小李');
    await form.getByLabel(zh['address.phone']).fill('13900007777');
    await form.getByLabel(zh['region.province']).selectOption({ label: '广东省' });
    await form.getByLabel(zh['region.city']).selectOption({ label: '深圳市' });
    await form.getByLabel(zh['region.county']).selectOption({ label: '宝安区' });
    await form.getByLabel(zh['address.detail']).fill('福永街道 售后中心 1 号门');
    await form.getByRole('button', { name: zh['address.save'] }).click();
    await page
      .getByRole('status')
      .getByText(fill(zh['merchant.addresses.saved'], { kind: zh['merchant.addresses.return'] }))
      .waitFor();
    await card.getByText('广东省 深圳市 宝安区 福永街道 售后中心 1 号门').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-shop-addresses');
    const saved = await api.call<{ kind: string; recipient: string; regionCode: string }[]>(
      'GET',
      `/shops/${shop!.id}/addresses`,
    );
    expect(saved.find((a) => a.kind === 'return')).toMatchObject({
      recipient: '退货组 小李',
      regionCode: '440306',
    });
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
