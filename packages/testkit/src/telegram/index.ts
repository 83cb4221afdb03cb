export { checkTelegramHtml, type HtmlCheck } from './html';
export {
  type BotCommandEntry,
  type SentMessage,
  type TelegramCall,
  type TelegramFault,
  TelegramServer,
  type TelegramServerOptions,
} from './server';
