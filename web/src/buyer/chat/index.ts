export { ChatLink, ChatListPage } from './ChatListPage.tsx';
export { ContactShopButton } from './ContactShopButton.tsx';
export { ConversationPage } from './ConversationPage.tsx';
