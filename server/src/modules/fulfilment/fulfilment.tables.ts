import type { ColumnType, Generated } from 'kysely';
import type { Carrier } from './carriers.ts';
import type { TrackingStatus } from './tracking.machine.ts';

export type IncidentKind = 'ship_by_missed' | 'parcel_lost' | 'fake_shipment' | 'tracking_stalled';

export interface ShipmentsTable {
  id: Generated<number>;
  orderId: number;
  shopId: number;
  carrier: Carrier;
  trackingNumber: string;
  status: ColumnType<TrackingStatus, TrackingStatus | undefined>;
  shippedBy: number;
  shippedAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

export interface ShipmentEventsTable {
  id: Generated<number>;
  shipmentId: number;
  event: TrackingStatus;
  location: string | null;
  at: ColumnType<Date, Date, never>;
}

export interface FulfilmentIncidentsTable {
  id: Generated<number>;
  orderId: number;
  kind: IncidentKind;
  promisedAt: Date | null;
  details: string;
  at: ColumnType<Date, Date, never>;
}

export interface FulfilmentTables {
  shipments: ShipmentsTable;
  shipmentEvents: ShipmentEventsTable;
  fulfilmentIncidents: FulfilmentIncidentsTable;
}
