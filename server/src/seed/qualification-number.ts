import type { QualificationKind } from './demo-categories.ts';
import type { Random } from './random.ts';

// 食品生产许可证: SC + 3-digit food category + 11 digits (region, serial, check digit).
const FOOD_CATEGORY_CODE: Record<string, string> = {
  condiments: '103',
  drinks: '106',
  tea: '114',
  snacks: '116',
  ice_cream: '111',
  dumplings: '123',
  pastry: '124',
};

const PROVINCES = ['粤', '浙', '沪', '苏', '鲁', '滇'] as const;

/** A plausible document number of the shape product rules §6 lists for this qualification. */
export function demoQualificationNo(kind: QualificationKind, leafKey: string, random: Random): string {
  const year = random.int(2019, 2024);
  switch (kind) {
    case 'food_production_licence':
      return `SC${FOOD_CATEGORY_CODE[leafKey] ?? '101'}${random.digits(11)}`;
    case 'food_business_licence':
      return `JY1${random.digits(13)}`;
    case 'cosmetic_registration':
      return `国妆特字G${year}${random.digits(4)}`;
    case 'cosmetic_filing':
      return `${random.pick(PROVINCES)}G妆网备字${year}${random.digits(6)}`;
  }
}
