export { renderText } from './text.js';
export { renderHtml } from './html.js';
export { renderSlack, type SlackMessage } from './slack.js';
