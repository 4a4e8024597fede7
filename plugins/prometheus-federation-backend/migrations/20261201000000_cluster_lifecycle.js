// @ts-check

/**
 * The cluster lifecycle: clusters whose catalog entity the tracker has seen (onboarding, done
 * or retiring) and when each onboarding step first passed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cluster_lifecycle', table => {
    table.comment(
      'Clusters seen in the catalog, and their onboarding or retiring phase',
    );
    table.string('cluster').primary().notNullable();
    table
      .string('phase')
      .notNullable()
      .comment(
        "'onboarding', 'known' (healthy since, or never onboarded) or 'retiring'",
      );
    table
      .string('since')
      .notNullable()
      .comment('When the phase began (ISO 8601)');
    table.string('entity_ref').nullable();
    table.text('pr_url').nullable().comment('The onboarding pull request link');
    table.text('pull_request').nullable().comment('JSON: its last state read');
  });
  await knex.schema.createTable('onboarding_steps', table => {
    table.comment('When each onboarding step of a cluster first passed');
    table.string('cluster').notNullable();
    table.string('step').notNullable();
    table.string('first_passed_at').notNullable();
    table.primary(['cluster', 'step']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('onboarding_steps');
  await knex.schema.dropTable('cluster_lifecycle');
};
