"""One module per vector format. A module names its format in FORMAT and
defines run(case) -> common.Result; run.py finds every module here, so
adding a format is adding one module with one function."""
