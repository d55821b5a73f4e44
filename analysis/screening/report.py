"""Tables of screening results, ready to print or write."""

from __future__ import annotations

import pandas as pd

from analysis.screening.simulation import Simulation


def _spread(row: pd.Series, metric: str, digits: int) -> str:
    """'mean ± sd [min, max]' of one metric in a summary row."""
    mean, sd, low, high = (float(row[f"{metric}_{s}"]) for s in ("mean", "sd", "min", "max"))
    return f"{mean:.{digits}f} ± {sd:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def simulation_table(simulation: Simulation) -> pd.DataFrame:
    """One row per method: WSS@95, RRF@10, ATD and records to 95% recall, mean ± sd [min, max]."""
    summary = simulation.summary()
    rows = []
    for _, row in summary.iterrows():
        rows.append(
            {
                "method": row["method"],
                "seeds": int(row["seeds"]),
                "WSS@95": _spread(row, "wss95", 3),
                "RRF@10": _spread(row, "rrf10", 3),
                "ATD": _spread(row, "atd", 3),
                "read to 95%": _spread(row, "records_to_95", 0),
            }
        )
    return pd.DataFrame(rows)
