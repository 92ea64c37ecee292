"""Data files of Legday (artwork, content), installed as the package legday_desktop.resources."""
