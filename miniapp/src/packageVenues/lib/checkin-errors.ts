import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';

/** What to tell someone whose check-in failed, in Chinese; the venue's own wording for a bad code. */
export function checkinErrorMessage(error: unknown): string {
  if (!isApiError(error)) return userMessage(error);
  switch (error.code) {
    case 'INVALID_CODE':
      return '这个场所码无法识别，可能是假冒或被改动过，请联系场所工作人员';
    case 'VENUE_NOT_FOUND':
      return '这个场所已停用，请联系场所工作人员';
    case 'CHECKIN_LIMIT':
      return '今天登记次数太多，已达每日上限，请联系场所工作人员';
    case 'NOT_FOUND':
      return '所选家人不存在，请到“家人管理”核对';
    default:
      return userMessage(error);
  }
}

export const NOT_A_VENUE_CODE = '这不是场所码，请扫门口张贴的场所码';
