"""Tables of screening results, ready to print or write."""

from __future__ import annotations

import pandas as pd

from analysis.screening.simulation import Simulation


def _spread(mean: float, sd: float, low: float, high: float, digits: int) -> str:
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
                "WSS@95": _spread(*(row[f"wss95_{s}"] for s in ("mean", "sd", "min", "max")), 3),
                "RRF@10": _spread(*(row[f"rrf10_{s}"] for s in ("mean", "sd", "min", "max")), 3),
                "ATD": _spread(*(row[f"atd_{s}"] for s in ("mean", "sd", "min", "max")), 3),
                "read to 95%": _spread(
                    *(row[f"records_to_95_{s}"] for s in ("mean", "sd", "min", "max")), 0
                ),
            }
        )
    return pd.DataFrame(rows)
