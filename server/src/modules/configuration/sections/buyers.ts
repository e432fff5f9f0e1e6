import { type Static, Type } from '@sinclair/typebox';

/** product rules §7 good-buyer tier. Key prefix `buyers.`. */
export const BuyersSchema = Type.Object({}, { additionalProperties: false });

export type BuyersConfig = Static<typeof BuyersSchema>;

export const defaultBuyers: BuyersConfig = {};
