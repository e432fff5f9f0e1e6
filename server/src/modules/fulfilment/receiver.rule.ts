import { type AddressSnapshot, maskPhone } from '../addresses/index.ts';

/** Where a parcel goes, as the shop sees it. */
export interface Receiver {
  recipient: string;
  phone: string;
  /** the phone is shown masked (138****1234) */
  phoneMasked: boolean;
  regionCode: string;
  regionName: string;
  detail: string;
}

/**
 * The receiver of an order as its shop may see it (DOMAIN §9): in full while the order waits to be
 * shipped (the waybill needs the phone), the phone masked anywhere else. Older orders carry no address.
 */
export function receiverFor(
  address: AddressSnapshot | null | undefined,
  waitingToShip: boolean,
): Receiver | null {
  if (!address) return null;
  return {
    recipient: address.recipient,
    phone: waitingToShip ? address.phone : maskPhone(address.phone),
    phoneMasked: !waitingToShip,
    regionCode: address.regionCode,
    regionName: address.regionName,
    detail: address.detail,
  };
}
