import Taro from '@tarojs/taro';
import { configuredTemplates } from './subscribe-templates';
import type { Platform } from './types';

// wx.requestSubscribeMessage answers per template id: 'accept', 'reject', 'ban' (blocked by the
// admin) or 'filter' (title clash). A closed prompt or a switched-off setting rejects: nothing accepted.
export const requestSubscribe: Platform['requestSubscribe'] = async (names) => {
  const templates = configuredTemplates(names);
  if (templates.length === 0) return 'unsupported';
  let answer: Record<string, unknown> = {};
  try {
    answer = (await Taro.requestSubscribeMessage({ tmplIds: templates.map((t) => t.id) } as Taro.requestSubscribeMessage.Option)) as Record<string, unknown>;
  } catch {
    answer = {};
  }
  const accepted = templates.filter((t) => answer[t.id] === 'accept').map((t) => t.name);
  return { accepted, declined: names.filter((n) => !accepted.includes(n)) };
};
