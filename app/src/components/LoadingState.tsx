// What the sidebar shows while the case loads: a skeleton of the layout and an announcement.
import { Dots, Skeleton } from '@zendeskgarden/react-loaders';
import { useT } from '../i18n/useT.js';
import { Stack, VisuallyHidden } from './layout.js';

export function LoadingState() {
  const t = useT();
  return (
    <Stack $gap={8} role="status" aria-busy="true" data-testid="loading">
      <VisuallyHidden>{t('loading')}</VisuallyHidden>
      <Skeleton width="55%" height="20px" aria-hidden="true" />
      <Skeleton width="100%" aria-hidden="true" />
      <Skeleton width="85%" aria-hidden="true" />
      <Skeleton width="70%" aria-hidden="true" />
      <Dots size={24} aria-hidden="true" />
    </Stack>
  );
}
