import type { ApiErrorCode } from './api-error';
import { isApiError } from './api-error';

/** What users read for each error code. The Record type makes a missing code a compile error. */
export const errorMessages: Readonly<Record<ApiErrorCode, string>> = {
  VALIDATION_FAILED: '填写的信息有误，请检查后重试',
  MALFORMED_JSON: '请求格式有误，请稍后重试',
  MALFORMED_BODY: '请求格式有误，请稍后重试',
  UNSUPPORTED_MEDIA_TYPE: '请求格式有误，请稍后重试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  NOT_FOUND: '请求的内容不存在',
  METHOD_NOT_ALLOWED: '暂不支持该操作',
  UNAUTHENTICATED: '登录已失效，请重新进入',
  FORBIDDEN: '您没有权限进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  LOGIN_CHANNEL_DISABLED: '当前渠道暂不支持登录',
  LOGIN_CODE_INVALID: '登录凭证无效，请重新进入',
  LOGIN_HIGH_RISK_USER: '账号存在风险，暂时无法登录',
  UPSTREAM_RATE_LIMITED: '服务繁忙，请稍后再试',
  UPSTREAM_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  UPSTREAM_ERROR: '服务出现异常，请稍后再试',
  IDENTITY_REQUIRED: '请先完成实名认证',
  IDENTITY_MISMATCH: '姓名与身份证号不匹配，请核对后重试',
  IDENTITY_ALREADY_BOUND: '该身份证号已绑定其他账号',
  ACCOUNT_NOT_FOUND: '账号不存在',
  STORE_UNAVAILABLE: '服务繁忙，请稍后再试',
  INTERNAL: '系统出现异常，请稍后再试',
  ROUND_NOT_OPEN: '本轮预约尚未开始或已经结束',
  SOLD_OUT: '该药店本轮已约满，请选择其他药店或关注下一轮',
  ALREADY_RESERVED: '您在本轮已有预约，无需重复预约',
  REPEAT_PERIOD: '距上次预约时间过短，暂不能再次预约',
  IDEMPOTENCY_CONFLICT: '请勿重复提交，请刷新后重试',
  INVALID_CODE: '无效的取货码，请核对后重试',
  ALREADY_REDEEMED: '该取货码已核销，请勿重复领取',
  WRONG_PHARMACY: '不是本药店的取货码',
  CODE_EXPIRED: '取货码已过期',
  RESERVATION_NOT_FOUND: '预约记录不存在',
  PHARMACY_NOT_FOUND: '药店不存在',
  ROUND_NOT_FOUND: '预约轮次不存在',
  // FAMILY_MEMBER_LIMIT (family contract); spelled out so every page that shows an error needs no schemas.
  FAMILY_LIMIT: '最多可添加5位家人',
  CONFLICT: '信息已发生变化，请刷新后重试',
  UNKNOWN_KEY: '无法识别的码（签发密钥未知），请让对方刷新后重新出示',
  REVOKED: '该码已作废，请使用新的码',
  PERSON_NOT_FOUND: '未查到此人信息，请核对身份证号',
  APPEAL_NOT_FOUND: '申诉记录不存在',
  APPEAL_ALREADY_DECIDED: '该申诉已处理完毕',
  APPEAL_ALREADY_OPEN: '您已有一条正在处理的申诉，请耐心等待结果',
  IMPORT_INVALID: '导入的文件有错误，请按提示修改后重新导入，本次未导入任何数据',
  JOB_NOT_FOUND: '任务不存在',
  PRINTED_CODE_NOT_FOUND: '离线码不存在',
  CONSENT_REQUIRED: '请先阅读并同意《隐私政策》',
  CONFIRMATION_MISMATCH: '请按提示输入确认文字',
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  INVALID_RESPONSE: '服务返回异常，请稍后再试',
};

const FALLBACK_MESSAGE = '出了点问题，请稍后再试';

/** The Chinese message to show for any thrown value. */
export function userMessage(error: unknown): string {
  return isApiError(error) ? errorMessages[error.code] ?? FALLBACK_MESSAGE : FALLBACK_MESSAGE;
}
