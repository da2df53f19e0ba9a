/**
 * A stand-in for Supabase Vault (`supabase_vault`, the extension Supabase
 * installs in schema `vault`), written for these tests: stock PostgreSQL has no
 * such extension. It mirrors the SQL interface of supabase_vault 0.3.1
 * (github.com/supabase/vault, sql/supabase_vault--0.3.0.sql; 0.3.1 changes no
 * SQL) and the privileges Supabase gives its `postgres` role after installing
 * it (github.com/supabase/postgres,
 * ansible/files/postgresql_extension_custom_scripts/supabase_vault/after-create.sql):
 *
 * | object | mirrored | stand-in |
 * |---|---|---|
 * | `vault.secrets` | columns id uuid (default gen_random_uuid()), name, description (default ''), secret, key_id, nonce, created_at, updated_at; unique index on name | same |
 * | `vault.decrypted_secrets` | view: the columns of `vault.secrets` plus `decrypted_secret` | same |
 * | `vault.create_secret(new_secret text, new_name text = NULL, new_description text = '', new_key_id uuid = NULL) RETURNS uuid` | SECURITY DEFINER, `search_path = ''`, stores the secret encrypted | same signature; encrypts with pgcrypto instead of libsodium |
 * | `vault.update_secret(secret_id uuid, new_secret text = NULL, new_name text = NULL, new_description text = NULL, new_key_id uuid = NULL) RETURNS void` | SECURITY DEFINER; NULL keeps a field | same |
 * | `vault._crypto_aead_det_encrypt / _decrypt / _noncegen` | C functions over libsodium (key not visible to SQL) | SQL functions over pgcrypto, SECURITY DEFINER over a key only their owner can read |
 * | privileges | EXECUTE revoked from PUBLIC; `postgres` gets USAGE on schema vault, SELECT and DELETE on secrets and decrypted_secrets, EXECUTE on create_secret, update_secret and _crypto_aead_det_decrypt, all WITH GRANT OPTION | same, for the role below |
 *
 * Supabase's `postgres` role is not a superuser (the extension belongs to
 * `supabase_admin`); here the test server's bootstrap superuser owns the
 * stand-in, and `SUPABASE_POSTGRES` (a NOSUPERUSER role with exactly the
 * grants above) applies the library's SQL, as Terraform does on Supabase.
 */

/** The role that stands in for Supabase's (non-superuser) `postgres`. */
export const SUPABASE_POSTGRES = 'supabase_postgres_stand_in';

/** Installs the stand-in; run it as the superuser. */
export const VAULT_STAND_IN = `
  CREATE SCHEMA IF NOT EXISTS vault_crypto;
  CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA vault_crypto;
  REVOKE ALL ON SCHEMA vault_crypto FROM PUBLIC;
  CREATE SCHEMA vault;
  REVOKE ALL ON SCHEMA vault FROM PUBLIC;

  CREATE TABLE vault._stand_in_key (key text NOT NULL);
  INSERT INTO vault._stand_in_key VALUES (encode(vault_crypto.gen_random_bytes(32), 'hex'));

  CREATE FUNCTION vault._crypto_aead_det_noncegen() RETURNS bytea
    LANGUAGE sql VOLATILE SET search_path = '' AS $f$ SELECT vault_crypto.gen_random_bytes(16) $f$;
  CREATE FUNCTION vault._crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = NULL) RETURNS bytea
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $f$
      SELECT vault_crypto.pgp_sym_encrypt_bytea(message, (SELECT k.key FROM vault._stand_in_key k) || encode(additional, 'hex'))
    $f$;
  CREATE FUNCTION vault._crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = NULL) RETURNS bytea
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $f$
      SELECT vault_crypto.pgp_sym_decrypt_bytea(message, (SELECT k.key FROM vault._stand_in_key k) || encode(additional, 'hex'))
    $f$;

  CREATE TABLE vault.secrets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text,
    description text NOT NULL DEFAULT '',
    secret text NOT NULL,
    key_id uuid,
    nonce bytea DEFAULT vault._crypto_aead_det_noncegen(),
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
  );
  CREATE UNIQUE INDEX ON vault.secrets USING btree (name) WHERE name IS NOT NULL;

  CREATE VIEW vault.decrypted_secrets AS
    SELECT s.id, s.name, s.description, s.secret,
      convert_from(vault._crypto_aead_det_decrypt(decode(s.secret, 'base64'), convert_to(s.id::text, 'utf8'), 0, 'pgsodium', s.nonce), 'utf8') AS decrypted_secret,
      s.key_id, s.nonce, s.created_at, s.updated_at
    FROM vault.secrets s;

  CREATE FUNCTION vault.create_secret(new_secret text, new_name text = NULL, new_description text = '', new_key_id uuid = NULL) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $f$
    DECLARE
      new_id uuid := gen_random_uuid();
    BEGIN
      INSERT INTO vault.secrets (id, name, description, secret)
      VALUES (new_id, new_name, new_description,
              encode(vault._crypto_aead_det_encrypt(convert_to(new_secret, 'utf8'), convert_to(new_id::text, 'utf8'), 0), 'base64'));
      RETURN new_id;
    END
    $f$;

  CREATE FUNCTION vault.update_secret(secret_id uuid, new_secret text = NULL, new_name text = NULL, new_description text = NULL, new_key_id uuid = NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $f$
    BEGIN
      UPDATE vault.secrets s SET
        secret = CASE WHEN new_secret IS NULL THEN s.secret
                      ELSE encode(vault._crypto_aead_det_encrypt(convert_to(new_secret, 'utf8'), convert_to(s.id::text, 'utf8'), 0), 'base64') END,
        name = coalesce(new_name, s.name),
        description = coalesce(new_description, s.description),
        updated_at = now()
      WHERE s.id = secret_id;
    END
    $f$;

  REVOKE ALL ON FUNCTION vault._crypto_aead_det_encrypt, vault._crypto_aead_det_decrypt, vault._crypto_aead_det_noncegen,
    vault.create_secret, vault.update_secret FROM PUBLIC;
  REVOKE ALL ON vault._stand_in_key FROM PUBLIC;

  -- Supabase's after-create grants to its postgres role.
  CREATE ROLE ${SUPABASE_POSTGRES} NOSUPERUSER NOCREATEDB CREATEROLE NOINHERIT NOLOGIN;
  GRANT USAGE ON SCHEMA vault TO ${SUPABASE_POSTGRES} WITH GRANT OPTION;
  GRANT SELECT, DELETE ON vault.secrets, vault.decrypted_secrets TO ${SUPABASE_POSTGRES} WITH GRANT OPTION;
  GRANT EXECUTE ON FUNCTION vault.create_secret, vault.update_secret, vault._crypto_aead_det_decrypt TO ${SUPABASE_POSTGRES} WITH GRANT OPTION;
  -- What it also has on Supabase: the right to create schemas, and auth.uid() for the tenant.
  GRANT CREATE ON DATABASE postgres TO ${SUPABASE_POSTGRES};
  GRANT USAGE ON SCHEMA auth TO ${SUPABASE_POSTGRES};
`;
