/** A subscribe message the fake Alipay gateway accepted. */
export interface DeliveredAlipayMessage {
  toUserId: string | undefined;
  toOpenId: string | undefined;
  userTemplateId: string;
  page: string | undefined;
  /** keyword → value, unwrapped from `{value}`. */
  data: Record<string, string>;
}

export interface GatewayRefusal {
  code: string;
  msg: string;
  subCode: string;
  subMsg: string;
}

/**
 * `alipay.open.app.mini.templatemessage.send` after the gateway's protocol and signature checks:
 * checks biz_content, refuses users marked as not subscribed (sub_code USER_UNSUBSCRIBED, the
 * fake's stand-in) and records what it accepted. Null = accepted.
 */
export function acceptTemplateMessage(bizContent: string | undefined, refused: Set<string>, delivered: DeliveredAlipayMessage[]): GatewayRefusal | null {
  let biz: { to_user_id?: unknown; to_open_id?: unknown; user_template_id?: unknown; page?: unknown; data?: unknown };
  try {
    biz = JSON.parse(bizContent ?? '') as typeof biz;
  } catch {
    return { code: '40002', msg: 'Invalid Arguments', subCode: 'isv.invalid-parameter', subMsg: 'biz_content参数无效' };
  }
  const toUserId = nonEmpty(biz.to_user_id);
  const toOpenId = nonEmpty(biz.to_open_id);
  if (!toUserId && !toOpenId) return { code: '40001', msg: 'Missing Required Arguments', subCode: 'isv.missing-to-user-id', subMsg: '缺少接收者' };
  const userTemplateId = nonEmpty(biz.user_template_id);
  if (!userTemplateId) return { code: '40001', msg: 'Missing Required Arguments', subCode: 'isv.missing-user-template-id', subMsg: '缺少模板id' };
  const data = keywordValues(biz.data);
  if (!data) return { code: '40002', msg: 'Invalid Arguments', subCode: 'isv.invalid-data', subMsg: 'data参数无效' };
  if (refused.has(toUserId ?? (toOpenId as string))) return { code: '40004', msg: 'Business Failed', subCode: 'USER_UNSUBSCRIBED', subMsg: '用户未订阅该消息' };
  delivered.push({ toUserId, toOpenId, userTemplateId, page: nonEmpty(biz.page), data });
  return null;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `data` is a JSON string of `{key: {value: string}}`; null for any other shape. */
function keywordValues(raw: unknown): Record<string, string> | null {
  if (typeof raw !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(parsed)) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return null;
    out[key] = value;
  }
  return out;
}
