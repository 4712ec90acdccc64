// Per-installation autonomy settings a team lead controls (F4, F10).
export const MODES = ['assist', 'approve', 'autopilot'] as const;
export type Mode = (typeof MODES)[number];

export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export interface Settings {
  /** Mode per case type and risk tier; anything missing falls back to defaultMode. */
  autonomy: Record<string, Partial<Record<RiskTier, Mode>>>;
  defaultMode: Mode;
  /** Proposes and records agreement with humans, never executes on its own. */
  shadowMode: boolean;
  limits: {
    currency: string;
    /** Largest refund (minor units) that may execute without a human. */
    autoRefundCap: number;
    /** Most money one case may move in total, approved or not. */
    perCaseSpendLimit: number;
    /** Most money all cases of the installation may move per UTC day. */
    perDaySpendLimit: number;
  };
  /** Organization or requester tags that take every case out of autopilot. */
  noAutonomyTags: string[];
  escalationGroupId: string | null;
  /** Opted in to proactive shipping-delay outreach (the scheduled scan opens tickets); off when absent. */
  proactiveDelayOutreach?: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  autonomy: {},
  defaultMode: 'approve',
  shadowMode: false,
  limits: { currency: 'usd', autoRefundCap: 2_500, perCaseSpendLimit: 50_000, perDaySpendLimit: 500_000 },
  noAutonomyTags: ['vip', 'enterprise'],
  escalationGroupId: null,
  proactiveDelayOutreach: false,
};
