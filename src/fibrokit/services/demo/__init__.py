"""The demo account and the simulated data it (and the app benchmark) is filled with."""
