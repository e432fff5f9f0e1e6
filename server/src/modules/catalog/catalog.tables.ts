import type { ColumnType, Generated } from 'kysely';
import type { RegulatedType } from '../qualifications/index.ts';

export type { RegulatedType };
export type ProductState = 'draft' | 'in_review' | 'listed' | 'rejected' | 'delisted' | 'blocked';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface CategoriesTable {
  id: Generated<number>;
  parentId: number | null;
  name: string;
  nameEn: string;
  regulatedType: RegulatedType | null;
  requiredQualifications: ColumnType<string[], string[] | undefined>;
  noReasonReturn: ColumnType<boolean, boolean | undefined>;
  perishable: ColumnType<boolean, boolean | undefined>;
  customMade: ColumnType<boolean, boolean | undefined>;
  isVirtual: ColumnType<boolean, boolean | undefined>;
  defaultGuarantees: ColumnType<string[], string[] | undefined>;
  depositFen: ColumnType<number, number | undefined>;
  commissionBp: ColumnType<number, number | undefined>;
  zeroDepositEligible: ColumnType<boolean, boolean | undefined>;
  createdAt: CreatedAt;
}

export interface BrandsTable {
  id: Generated<number>;
  name: string;
  nameEn: string | null;
  createdAt: CreatedAt;
}

export interface ProductsTable {
  id: Generated<number>;
  shopId: number;
  categoryId: number;
  brandId: number | null;
  title: string;
  description: ColumnType<string, string | undefined>;
  imageUrl: string | null;
  state: ColumnType<ProductState, ProductState | undefined>;
  guarantees: ColumnType<string[], string[] | undefined>;
  qualificationNo: string | null;
  creatorCommissionBp: number | null;
  stateReason: string | null;
  /** The product's freight template (freight module); null → the shop's default template. */
  freightTemplateId: ColumnType<number | null, number | null | undefined>;
  /** Pre-sale: ships within this many days of payment (4–45, DOMAIN.md §2); null → in stock. */
  presaleShipDays: ColumnType<number | null, number | null | undefined>;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | undefined>;
}

export interface SkusTable {
  id: Generated<number>;
  productId: number;
  code: string;
  spec: ColumnType<string, string | undefined>;
  priceFen: number;
  /** The claimed original price (划线价), above the price; null: none (product rules §6.3). */
  originalPriceFen: ColumnType<number | null, number | null | undefined>;
  stock: number;
  purchaseLimit: number | null;
  /** For weight-mode freight templates. */
  weightGrams: ColumnType<number, number | undefined>;
  createdAt: CreatedAt;
}

/** Every price a SKU has been offered at: in force from `fromAt` until the next row's. */
export interface SkuPricesTable {
  id: Generated<number>;
  skuId: number;
  priceFen: number;
  fromAt: Date;
}

export interface ProductEventsTable {
  id: Generated<number>;
  productId: number;
  fromState: ProductState | null;
  toState: ProductState;
  actorId: number | null;
  reason: string | null;
  at: ColumnType<Date, Date | undefined, never>;
}

export interface ProductImagesTable {
  id: Generated<number>;
  productId: number;
  fileId: number;
  thumbnailFileId: number;
  /** 0 is the main image. */
  position: number;
  width: number;
  height: number;
  createdAt: Date;
}

export interface CatalogTables {
  categories: CategoriesTable;
  brands: BrandsTable;
  products: ProductsTable;
  skus: SkusTable;
  skuPrices: SkuPricesTable;
  productEvents: ProductEventsTable;
  productImages: ProductImagesTable;
}
