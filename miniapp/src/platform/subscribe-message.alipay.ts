import Taro from '@tarojs/taro';
import { configuredTemplates } from './subscribe-templates';
import type { Platform } from './types';

interface AlipaySubscribeAnswer {
  [templateId: string]: unknown;
  result?: { subscribeEntityIds?: string[]; subscribedEntityIds?: string[] };
}

// Taro hands the options to my.requestSubscribeMessage untouched, and Alipay names the ids
// `entityIds`. Its answer lists the subscribed ids in `result`; some versions also answer per id
// with 'accept' like WeChat, so either counts.
export const requestSubscribe: Platform['requestSubscribe'] = async (names) => {
  const templates = configuredTemplates(names);
  if (templates.length === 0) return 'unsupported';
  let answer: AlipaySubscribeAnswer = {};
  try {
    answer = (await Taro.requestSubscribeMessage({ entityIds: templates.map((t) => t.id) } as Taro.requestSubscribeMessage.Option)) as AlipaySubscribeAnswer;
  } catch {
    answer = {};
  }
  const subscribed = new Set([...(answer.result?.subscribeEntityIds ?? []), ...(answer.result?.subscribedEntityIds ?? [])]);
  const accepted = templates.filter((t) => subscribed.has(t.id) || answer[t.id] === 'accept').map((t) => t.name);
  return { accepted, declined: names.filter((n) => !accepted.includes(n)) };
};
