-- Portable between H2 (the default) and PostgreSQL; applied at startup (spring.sql.init.mode)
CREATE TABLE IF NOT EXISTS pipeline_run (
	id VARCHAR(64) PRIMARY KEY,
	pipeline VARCHAR(100) NOT NULL,
	user_id VARCHAR(200),
	status VARCHAR(20) NOT NULL,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	ended_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE IF NOT EXISTS pipeline_run_event (
	run_id VARCHAR(64) NOT NULL REFERENCES pipeline_run (id),
	seq INTEGER NOT NULL,
	agent VARCHAR(100) NOT NULL,
	status VARCHAR(20) NOT NULL,
	occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (run_id, seq)
);
