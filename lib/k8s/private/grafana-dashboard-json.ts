/**
 * Grafana dashboard JSON generated from typed panel definitions (PRD 11.3:
 * dashboards as code). The output is Grafana's dashboard model
 * (schemaVersion 39) with panels laid out left to right on the 24-column grid.
 */

/** Panel visualizations the generator supports. */
export const PANEL_KINDS = ['timeseries', 'stat', 'gauge'] as const;

/** Datasource uid that kube-prometheus-stack provisions for its Prometheus. */
export const PROMETHEUS_DATASOURCE_UID = 'prometheus';

/** One PromQL query of a panel. */
export interface PanelQuery {
  /** PromQL expression. */
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
  /** Queries drawn in the panel (at least one). */
  readonly queries: PanelQuery[];
  /**
   * Visualization: "timeseries", "stat" or "gauge".
   * @default "timeseries"
   */
  readonly kind?: string;
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
   * Height in grid rows.
   * @default 8
   */
  readonly height?: number;
}

/** A whole dashboard. */
export interface DashboardDefinition {
  readonly uid: string;
  readonly title: string;
  readonly tags: string[];
  readonly panels: DashboardPanel[];
  readonly refresh: string;
  /**
   * Uid of the Prometheus data source every panel queries (one model, two targets:
   * kube-prometheus-stack's Grafana, or a Grafana Cloud stack's "grafanacloud-prom").
   * @default PROMETHEUS_DATASOURCE_UID
   */
  readonly datasourceUid?: string;
}

/** The Grafana panel model of one panel at a grid position. */
function renderPanel(panel: DashboardPanel, id: number, gridPos: { x: number; y: number; w: number; h: number }, datasourceUid: string): object {
  const datasource = { type: 'prometheus', uid: datasourceUid };
  const steps: object[] = [{ color: 'green', value: null }];
  if (panel.threshold !== undefined) steps.push({ color: 'red', value: panel.threshold });
  const kind = panel.kind ?? 'timeseries';
  return {
    id,
    type: kind,
    title: panel.title,
    description: panel.description ?? '',
    gridPos,
    datasource,
    targets: panel.queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource,
      expr: q.expr,
      legendFormat: q.legend ?? '__auto',
      range: true,
    })),
    fieldConfig: {
      defaults: {
        unit: panel.unit ?? 'short',
        thresholds: { mode: 'absolute', steps },
        ...(kind === 'timeseries' && panel.threshold !== undefined ? { custom: { thresholdsStyle: { mode: 'line' } } } : {}),
      },
      overrides: [],
    },
    options: kind === 'timeseries' ? { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } } : { reduceOptions: { calcs: ['lastNotNull'] } },
  };
}

/** Renders the dashboard JSON, with Terraform template sequences escaped. */
export function renderDashboardJson(def: DashboardDefinition): string {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = def.panels.map((panel, i) => {
    const w = panel.width ?? 12;
    const h = panel.height ?? 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const rendered = renderPanel(panel, i + 1, { x, y, w, h }, def.datasourceUid ?? PROMETHEUS_DATASOURCE_UID);
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return rendered;
  });
  const dashboard = {
    uid: def.uid,
    title: def.title,
    tags: def.tags,
    timezone: 'utc',
    editable: false,
    schemaVersion: 39,
    version: 1,
    refresh: def.refresh,
    time: { from: 'now-6h', to: 'now' },
    annotations: { list: [] },
    templating: { list: [] },
    panels,
  };
  // Terraform template sequences in it are escaped with every other literal (core/private/escape).
  return JSON.stringify(dashboard, undefined, 2);
}
