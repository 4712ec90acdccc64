// The reply Case Closer drafted for the customer: editable here, then appended to the ticket's
// composer where the agent sends it as usual.
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Textarea } from '@zendeskgarden/react-forms';
import { useEffect, useState } from 'react';
import type { Reply } from '../../../functions/src/domain/caseRecord.js';
import { useT } from '../i18n/useT.js';
import { useComposer } from '../zaf/useComposer.js';
import { Muted, Row, SectionHeading, Stack } from './layout.js';

export function ReplyDraft({ reply, onInserted }: { reply: Reply | null; onInserted(): void }) {
  const t = useT();
  const { appendText } = useComposer();
  const [text, setText] = useState(reply?.body ?? '');
  // A new draft from the backend replaces the text; the agent's edits to the same draft stay.
  useEffect(() => setText(reply?.body ?? ''), [reply?.body]);
  return (
    <section aria-labelledby="cc-reply" data-testid="reply">
      <SectionHeading id="cc-reply">{t('reply.heading')}</SectionHeading>
      {!reply ? <Muted>{t('reply.none')}</Muted> : (
        <Stack $gap={6}>
          <Field>
            <Field.Label isRegular>{t('reply.label')}</Field.Label>
            <Textarea isCompact minRows={3} maxRows={12} value={text} onChange={(e) => setText(e.target.value)} lang={reply.locale} />
          </Field>
          {reply.postedAt && <Muted>{t('reply.posted', { time: t.dateTime(reply.postedAt) })}</Muted>}
          <Row>
            <Button size="small" disabled={!text.trim()} onClick={() => void appendText(text).then(onInserted)}>
              {t('action.insertReply')}
            </Button>
          </Row>
        </Stack>
      )}
    </section>
  );
}
