"""Operations: health, readiness, metrics, stats and admin."""
