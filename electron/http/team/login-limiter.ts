/**
 * Failed logins, counted per account name and per client address with rate-limiter-flexible's
 * memory store: the team server is one process, so its memory is the one place every attempt
 * passes; a restart forgets the counts, which only gives an attacker a restart's worth of tries.
 * Several server processes would share RateLimiterPostgres over the same database instead.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed attempts per name within the window before that name is refused. */
  perName: number;
  /** Failed attempts per client address (any names) within the window. */
  perAddress: number;
  windowS: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perName: 5, perAddress: 30, windowS: 15 * 60 };

export class LoginLimiter {
  private readonly byName: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.byName = new RateLimiterMemory({ keyPrefix: 'name', points: limits.perName, duration: limits.windowS });
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'address', points: limits.perAddress, duration: limits.windowS });
  }

  /** Seconds until a login may be tried again, or null when it may be tried now. */
  async retryAfterS(name: string, address: string): Promise<number | null> {
    const [forName, forAddress] = await Promise.all([this.byName.get(name.toLowerCase()), this.byAddress.get(address)]);
    const spent = [
      [forName, this.byName.points],
      [forAddress, this.byAddress.points],
    ] as const;
    const waits = spent.filter(([res, points]) => res !== null && res.consumedPoints >= points).map(([res]) => res?.msBeforeNext ?? 0);
    return waits.length ? Math.max(1, Math.ceil(Math.max(...waits) / 1000)) : null;
  }

  async failed(name: string, address: string): Promise<void> {
    await Promise.all([this.byName.consume(name.toLowerCase()), this.byAddress.consume(address)].map((p) => p.catch(ignoreOverLimit)));
  }

  /** A correct password clears its name's failures (not the address's: one user must not unlock a guesser). */
  async succeeded(name: string): Promise<void> {
    await this.byName.delete(name.toLowerCase());
  }
}

function ignoreOverLimit(error: unknown): void {
  // consume() rejects with the limiter's answer once over the limit; that is the state we want recorded.
  if (!(error instanceof RateLimiterRes)) throw error;
}
