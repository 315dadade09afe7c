import { useState, type FormEvent } from 'react';
import { PasswordResetBody, PasswordResetRequestBody } from '@panda/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/endpoints';
import { Alert } from '../components/Alert';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { TextField } from '../components/fields';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useSubmit } from '../hooks/useSubmit';
import { useT } from '../i18n';
import type { AuthState } from '../navigation';

/**
 * Two steps: ask for a code, then enter it with a new password. Staff created by an admin
 * already have a code in their mail and start at the second step.
 */
export function PasswordResetPage() {
  const t = useT();
  const navigate = useNavigate();
  const [email, setEmail] = useState(() => useSearchParams.length >= 0 ? '' : '');
  return null;
}
