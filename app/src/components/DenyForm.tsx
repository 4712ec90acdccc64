// Why the agent denies a proposal: a reason label is required (it trains the playbooks and is
// recorded in the audit trail); the note is optional.
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Fieldset, Radio, Textarea } from '@zendeskgarden/react-forms';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DenyReason } from '../../../functions/src/domain/proposal.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/useT.js';
import { Row, Stack } from './layout.js';

/** Keyed by DenyReason so the compiler notices a reason the backend adds. */
const REASON_LABELS: Record<DenyReason, MessageKey> = {
  wrong_policy: 'deny.reason.wrong_policy',
  missing_context: 'deny.reason.missing_context',
  bad_action_suggestion: 'deny.reason.bad_action_suggestion',
  other: 'deny.reason.other',
};

export interface DenyFormProps {
  proposalId: string;
  busy: boolean;
  onSubmit(reason: DenyReason, note: string | null): void;
  onCancel(): void;
}

export function DenyForm({ proposalId, busy, onSubmit, onCancel }: DenyFormProps) {
  const t = useT();
  const [reason, setReason] = useState<DenyReason | null>(null);
  const [note, setNote] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason) onSubmit(reason, note.trim() || null);
  };
  return (
    <form onSubmit={submit} data-testid="deny-form" aria-label={t('deny.legend')}>
      <Stack $gap={8}>
        <Fieldset isCompact>
          <Fieldset.Legend>{t('deny.legend')}</Fieldset.Legend>
          {(Object.keys(REASON_LABELS) as DenyReason[]).map((r, i) => (
            <Field key={r}>
              <Radio ref={i === 0 ? first : undefined} name={`deny-reason-${proposalId}`} value={r} checked={reason === r} onChange={() => setReason(r)}>
                <Field.Label>{t(REASON_LABELS[r])}</Field.Label>
              </Radio>
            </Field>
          ))}
        </Fieldset>
        <Field>
          <Field.Label>{t('deny.note')}</Field.Label>
          <Textarea isCompact minRows={2} maxRows={6} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <Row>
          <Button type="submit" size="small" isDanger disabled={!reason || busy} aria-busy={busy}>{t('action.sendDenial')}</Button>
          <Button type="button" size="small" isBasic onClick={onCancel}>{t('action.cancel')}</Button>
        </Row>
      </Stack>
    </form>
  );
}
