export { NpsPrompt } from './NpsPrompt.tsx';
