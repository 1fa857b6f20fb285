-- The audit trail becomes a hash chain per district and append-only (see docs/security.md, "Audit trail").
-- The canonical text of a row: a JSON array built by PostgreSQL itself, so PGlite and a PostgreSQL server produce the
-- same bytes (jsonb's text form is fixed; the time as integer microseconds since the epoch, not a locale-dependent
-- text). The verifier (src/platform/audit/audit.verify.ts) rebuilds the same array in its own query.
CREATE OR REPLACE FUNCTION audit_canonical(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(r.district_id, r.seq, r.id, (extract(epoch FROM r.at) * 1000000)::bigint, r.actor_id,
    r.actor_label, r.action, r.entity, r.entity_id, r.before, r.after, r.note)::text
$$;--> statement-breakpoint
-- Appends are serialised per district by a transaction-level advisory lock, so two writers can never both take the
-- same predecessor (a fork); the lock is held to commit, which orders audited writes of one district. While it holds
-- the lock, a transaction keeps the chain's tail in a transaction-local setting, so a 100,000-row import does not look
-- the tail up again for every row (a rolled-back savepoint rolls the setting back with its rows).
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tail_key text := 'mtx_audit.t' || md5(NEW.district_id);
  tail text := current_setting(tail_key, true);
  last_seq bigint;
  last_hash text;
BEGIN
  IF tail IS NULL OR tail = '' THEN
    PERFORM pg_advisory_xact_lock(7318245, hashtext(NEW.district_id));
    SELECT seq, hash INTO last_seq, last_hash FROM audit_log
      WHERE district_id = NEW.district_id AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
  ELSE
    last_seq := split_part(tail, ' ', 1)::bigint;
    last_hash := split_part(tail, ' ', 2);
  END IF;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.hash := encode(sha256(convert_to(coalesce(last_hash, '') || audit_canonical(NEW), 'UTF8')), 'hex');
  PERFORM set_config(tail_key, NEW.seq || ' ' || NEW.hash, true);
  RETURN NEW;
END $$;--> statement-breakpoint
-- Rows written before the chain existed are chained now, in the order they were written (id), per district.
DO $$
DECLARE
  r audit_log%ROWTYPE;
  d text := NULL;
  s bigint;
  h text;
BEGIN
  FOR r IN SELECT * FROM audit_log WHERE seq IS NULL ORDER BY district_id, id LOOP
    IF d IS DISTINCT FROM r.district_id THEN
      d := r.district_id;
      SELECT seq, hash INTO s, h FROM audit_log
        WHERE district_id = d AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
      s := coalesce(s, 0);
      h := coalesce(h, '');
    END IF;
    s := s + 1;
    r.seq := s;
    h := encode(sha256(convert_to(h || audit_canonical(r), 'UTF8')), 'hex');
    UPDATE audit_log SET seq = s, hash = h WHERE district_id = r.district_id AND id = r.id;
  END LOOP;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_chain ON audit_log;--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();--> statement-breakpoint
-- Append-only for every role the app runs as; the owner can drop this trigger, which is what the chain is for.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP USING ERRCODE = 'check_violation';
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
