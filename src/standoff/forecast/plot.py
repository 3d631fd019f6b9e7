"""Plot the expected-utility model's trajectories (matplotlib, no display needed)."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from standoff.errors import UserError  # noqa: E402
from standoff.files import atomic_path, check_output  # noqa: E402
from standoff.forecast.expected_utility import EUResult  # noqa: E402


def plot_trajectories(
    result: EUResult, path: Path, labels: dict[str, tuple[str, str]] | None = None
) -> Path:
    """One panel per issue: each actor's position by round (thin) and the outcome (thick).

    ``labels`` maps an issue id to the (low, high) labels of its scale ends. The
    figure is written to ``path`` (format from the suffix, e.g. .png or .svg)
    through a temporary file, so a failure leaves no half-written plot.
    """
    issues = result.issues
    cols = min(3, len(issues))
    rows = math.ceil(len(issues) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.6 * rows), squeeze=False)
    rounds = range(result.positions.shape[0])
    for k, issue in enumerate(issues):
        ax = axes[k // cols][k % cols]
        for j, actor in enumerate(result.actors):
            ax.plot(rounds, result.positions[:, k, j], lw=0.8, alpha=0.7, label=actor)
        ax.plot(rounds, result.outcome[:, k], lw=2.5, color="black", label="outcome")
        ax.set_title(issue, fontsize=10)
        ax.set_ylim(-2, 102)
        ax.set_xlabel("round")
        low, high = (labels or {}).get(issue, ("0", "100"))
        ax.set_ylabel(f"{low[:18]} ... {high[:18]}", fontsize=7)
    for k in range(len(issues), rows * cols):
        axes[k // cols][k % cols].axis("off")
    if len(result.actors) <= 12:
        axes[0][0].legend(fontsize=6, loc="best")
    fig.suptitle("Expected-utility model (Scholz, Calbert and Smith 2011): positions by round")
    fig.tight_layout()
    try:
        with atomic_path(Path(path), label=f"--plot {path}") as tmp:
            fig.savefig(tmp, format=Path(path).suffix[1:].lower())
    finally:
        plt.close(fig)
    return Path(path)


def check_plot_path(path: Path) -> None:
    """Refuse, before any work, a plot path matplotlib has no format for or that cannot
    be written."""
    formats = plt.figure().canvas.get_supported_filetypes()
    plt.close("all")
    suffix = Path(path).suffix[1:].lower()
    if suffix not in formats:
        raise UserError(
            f"--plot {path}: unknown image format {suffix or '(no suffix)'!r}; "
            f"use one of {', '.join(sorted(formats))}"
        )
    check_output(Path(path), label=f"--plot {path}")
