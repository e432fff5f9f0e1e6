// The merchant's orders live in ./orders/: the order desk (every order, tabs, filters, bulk shipping,
// export) and one order in full.
export { OrderDesk } from './orders/OrderDesk.tsx';
export { OrderDetail } from './orders/OrderDetail.tsx';
