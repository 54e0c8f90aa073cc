"""The operator commands behind `./opentr.sh`: they use the application (`app`) and the engine (`schemaparity`)."""
