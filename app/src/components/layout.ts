// Small layout primitives shared by the sidebar's components (spacing and headings only; colours
// and type come from Garden's theme).
import styled from 'styled-components';

export const Stack = styled.div<{ $gap?: number }>`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.$gap ?? 12}px;
`;

export const Row = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px;
`;

export const SectionHeading = styled.h3`
  margin: 0 0 6px;
  font-size: 14px;
  font-weight: 600;
  line-height: 20px;
`;

export const Muted = styled.span`
  color: #68737d;
  font-size: 12px;
  line-height: 16px;
`;

export const PlainList = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  display: flex;
  flex-direction: column;
  gap: 8px;
`;

/** Visible to screen readers only. */
export const VisuallyHidden = styled.span`
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
`;
