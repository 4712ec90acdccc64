// Time comes from here so tests can set it.
export interface Clock {
  now(): Date;
}
