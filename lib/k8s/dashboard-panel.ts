import { brandEnumLike } from '../core/private/enum-like';

/**
 * Grafana visualization of a dashboard panel.
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, GrafanaDashboard, PanelKind } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'monitoring', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * new GrafanaDashboard(stack, 'Targets', {
 *   title: 'Scrape targets',
 *   panels: [{ title: 'Targets up', kind: PanelKind.STAT, queries: [{ expr: 'sum(up)' }] }],
 * });
 * app.synth();
 */
export class PanelKind {
  /** Lines over time (the default). */
  public static readonly TIMESERIES = new PanelKind('timeseries');
  /** One big number. */
  public static readonly STAT = new PanelKind('stat');
  /** A gauge against the thresholds. */
  public static readonly GAUGE = new PanelKind('gauge');

  /** A Grafana panel type newer than the library ("bargauge", ...). */
  public static of(value: string): PanelKind {
    return new PanelKind(value);
  }

  private constructor(
    /** Grafana's panel type. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'PanelKind');
  }
}

/** One PromQL query of a panel. */
export interface PanelQuery {
  /** PromQL expression (a literal: dashboards and their tests need the query itself). */
  readonly expr: string;
  /**
   * Legend of the series (Grafana template, e.g. "{{pod}}").
   * @default - Grafana's default legend
   */
  readonly legend?: string;
}

/** One dashboard panel. */
export interface DashboardPanel {
  /** Panel title. */
  readonly title: string;
  /** Queries drawn in the panel (1-26). */
  readonly queries: PanelQuery[];
  /**
   * Visualization.
   * @default PanelKind.TIMESERIES
   */
  readonly kind?: PanelKind;
  /**
   * Grafana unit id ("reqps", "percentunit", "s", "bytes", "short", ...).
   * @default "short"
   */
  readonly unit?: string;
  /**
   * Value from which the panel turns red (a threshold line on time series).
   * @default - no threshold
   */
  readonly threshold?: number;
  /**
   * Description shown in the panel's info tooltip.
   * @default - none
   */
  readonly description?: string;
  /**
   * Width in grid columns (1-24).
   * @default 12
   */
  readonly width?: number;
  /**
   * Height in grid rows (1-50).
   * @default 8
   */
  readonly height?: number;
}
