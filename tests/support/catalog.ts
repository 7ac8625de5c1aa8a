// A description of a database's schema read from PostgreSQL's catalogs, to
// compare two databases (a PostgreSQL server's and PGlite's) column by column.
type Query = (sql: string) => Promise<Record<string, unknown>[]>;

export async function describeSchema(query: Query) {
  const columns = await query(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
           character_maximum_length, numeric_precision, numeric_scale
    FROM information_schema.columns WHERE table_schema = 'public'
    ORDER BY table_name, column_name`);
  const indexes = await query(`
    SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
    ORDER BY tablename, indexname`);
  const constraints = await query(`
    SELECT conrelid::regclass::text AS table_name, conname, contype::text AS type, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint
    -- PostgreSQL 17 (PGlite) also lists NOT NULL as constraints; columns cover nullability.
    WHERE connamespace = 'public'::regnamespace AND contype <> 'n'
    ORDER BY 1, 2`);
  const enums = await query(`
    SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'
    GROUP BY t.typname ORDER BY t.typname`);
  // Triggers and functions are not in schema.prisma (they live in migrations): compare them too.
  const triggers = await query(`
    SELECT tgrelid::regclass::text AS table_name, tgname, pg_get_triggerdef(oid) AS definition
    FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`);
  const functions = await query(`
    SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`);
  return { columns, indexes, constraints, enums, triggers, functions };
}
