/** Counts every HTTP request a client makes (retries included), by method and route shape, for benchmarks. */
export class RequestCounter {
  private readonly byRoute = new Map<string, number>();
  total = 0;

  record(method: string, url: string): void {
    let path = url;
    try {
      path = new URL(url).pathname;
    } catch {
      path = url.split('?')[0] ?? url;
    }
    const shape = path
      .replace(/\/+$/, '')
      .split('/')
      .map((seg) => (/^\d+$/.test(seg) ? ':id' : seg))
      .join('/');
    const key = `${method.toUpperCase()} ${shape}`;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    this.total++;
  }

  snapshot(): { total: number; byRoute: Record<string, number> } {
    return { total: this.total, byRoute: Object.fromEntries([...this.byRoute].sort(([a], [b]) => a.localeCompare(b))) };
  }

  reset(): void {
    this.byRoute.clear();
    this.total = 0;
  }
}
