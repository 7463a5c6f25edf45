import { useState } from 'react';
import { ensureConsent } from '../../store/consent';
import { isApiError } from '../../api/api-error';
import { userMessage } from '../../api/error-messages';
import { familyApi } from '../../api/family-api';
import { AddFamilyMemberRequest, type FamilyMember, type FamilyRelation } from '../../api/family-contract';
import { fieldMessage, firstIssuePerField, serverFieldErrors, type FieldErrorsOf } from '../../utils/field-errors';

export type FamilyField = 'name' | 'idNumber' | 'relation';
export type FamilyFieldErrors = FieldErrorsOf<FamilyField>;
export interface FamilyValues {
  name: string;
  idNumber: string;
  relation: FamilyRelation | '';
}

const FIELDS: readonly FamilyField[] = ['name', 'idNumber', 'relation'];
const EMPTY: FamilyValues = { name: '', idNumber: '', relation: '' };

/** The first message per field, from the shared schema (the BFF checks the same rules). */
export function validateFamilyMember(values: FamilyValues): FamilyFieldErrors {
  const result = AddFamilyMemberRequest.safeParse({ ...values, relation: values.relation || undefined });
  return result.success ? {} : firstIssuePerField<FamilyField>(result.error);
}

/** 添加家人: inline validation on blur and on submit, like the 实名认证 form. */
export function useFamilyForm(onAdded: (member: FamilyMember) => void) {
  const [values, setValues] = useState<FamilyValues>(EMPTY);
  const [errors, setErrors] = useState<FamilyFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const change = <F extends FamilyField>(field: F, value: FamilyValues[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    setFormError(null);
  };

  const blur = (field: 'name' | 'idNumber') => {
    if (values[field].trim() === '') return;
    setErrors((e) => ({ ...e, [field]: fieldMessage(AddFamilyMemberRequest.shape[field], values[field]) }));
  };

  const submit = async () => {
    const clientErrors = validateFamilyMember(values);
    setErrors(clientErrors);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0 || submitting) return;
    if (!(await ensureConsent())) {
      setFormError('请先阅读并同意《隐私政策》，才能添加家人');
      return;
    }
    setSubmitting(true);
    try {
      const res = await familyApi.add(AddFamilyMemberRequest.parse(values));
      setValues(EMPTY);
      onAdded(res.member);
    } catch (e) {
      const fieldErrors = isApiError(e) && e.code === 'VALIDATION_FAILED' ? serverFieldErrors(FIELDS, e) : {};
      setErrors(fieldErrors);
      setFormError(Object.keys(fieldErrors).length > 0 ? null : userMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return { values, errors, formError, submitting, change, blur, submit };
}
