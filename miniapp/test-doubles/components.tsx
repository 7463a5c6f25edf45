/**
 * DOM stand-ins for `@tarojs/components` under jest. Events are reshaped like Taro's:
 * handlers receive `{ detail: { value } }`.
 */
import type { CSSProperties, PropsWithChildren } from 'react';

interface Common {
  id?: string;
  className?: string;
  style?: CSSProperties;
  onClick?: (e: unknown) => void;
}

type DetailHandler<T> = (e: { detail: { value: T } }) => void;

export function View({ children, ...rest }: PropsWithChildren<Common>) {
  return <div {...rest}>{children}</div>;
}

export function Text({ children, userSelect: _userSelect, ...rest }: PropsWithChildren<Common & { userSelect?: boolean }>) {
  return <span {...rest}>{children}</span>;
}

interface ButtonProps extends Common {
  disabled?: boolean;
  loading?: boolean;
  openType?: string;
}

export function Button({ children, loading, disabled, openType, ...rest }: PropsWithChildren<ButtonProps>) {
  // openType (e.g. agreePrivacyAuthorization) is a runtime capability: kept visible as data for tests.
  return (
    <button type="button" disabled={disabled} data-loading={loading ? 'true' : undefined} data-open-type={openType} {...rest}>
      {children}
    </button>
  );
}

interface InputProps extends Common {
  value?: string;
  type?: string;
  placeholder?: string;
  maxlength?: number;
  onInput?: DetailHandler<string>;
  onBlur?: DetailHandler<string>;
}

export function Input({ value, type, maxlength, onInput, onBlur, ...rest }: InputProps) {
  return (
    <input
      {...rest}
      type={type === 'idcard' || type === 'number' || type === 'digit' ? 'text' : (type ?? 'text')}
      value={value}
      maxLength={maxlength}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
      onBlur={(e) => onBlur?.({ detail: { value: e.target.value } })}
    />
  );
}

interface SwitchProps extends Common {
  checked?: boolean;
  color?: string;
  onChange?: DetailHandler<boolean>;
}

export function Switch({ checked, color: _color, onChange, ...rest }: SwitchProps) {
  return (
    <input
      {...rest}
      type="checkbox"
      role="switch"
      checked={Boolean(checked)}
      onChange={(e) => onChange?.({ detail: { value: e.target.checked } })}
    />
  );
}

export function Image({ src, mode: _mode, ...rest }: Common & { src: string; mode?: string }) {
  return <img src={src} alt="" {...rest} />;
}

interface TextareaProps extends Common {
  value?: string;
  placeholder?: string;
  maxlength?: number;
  onInput?: DetailHandler<string>;
}

export function Textarea({ value, maxlength, onInput, ...rest }: TextareaProps) {
  return <textarea {...rest} value={value} maxLength={maxlength} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />;
}
