import { z } from 'zod';
import { hasValidBirthDate, hasValidCheckDigit, ID_NUMBER_PATTERN } from './id-number';

/** The first failing rule only, so the form shows one clear message per field. */
function idNumberProblem(id: string): string | null {
  if (!ID_NUMBER_PATTERN.test(id)) return '身份证号应为18位数字（末位可为X）';
  if (!hasValidBirthDate(id)) return '身份证号里的出生日期不对，请核对';
  if (!hasValidCheckDigit(id)) return '身份证号最后一位不对，请核对';
  return null;
}

export const IdNumber = z
  .string({ message: '请输入身份证号' })
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((id, ctx) => {
    const problem = idNumberProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const PersonName = z
  .string({ message: '请输入姓名' })
  .trim()
  .min(2, { message: '姓名至少2个字' })
  .max(30, { message: '姓名过长' })
  .regex(/^[\u4e00-\u9fa5·]+$/u, { message: '请输入中文姓名' });

export const BindIdentityRequest = z.object({
  name: PersonName,
  idNumber: IdNumber,
});
export type BindIdentityRequest = z.infer<typeof BindIdentityRequest>;

export const MaskedIdentity = z.object({
  name: z.string(),
  idNumber: z.string(),
});
export type MaskedIdentity = z.infer<typeof MaskedIdentity>;

export const BindIdentityResponse = z.object({
  verified: z.literal(true),
  identity: MaskedIdentity,
});
export type BindIdentityResponse = z.infer<typeof BindIdentityResponse>;
