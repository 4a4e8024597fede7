// @ts-check

/**
 * The phase a cluster had before retiring, so that a cluster whose entity comes back resumes
 * its onboarding (with its step times) instead of starting as known.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('cluster_lifecycle', table => {
    table
      .string('previous_phase')
      .nullable()
      .comment('While retiring: the phase before it');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cluster_lifecycle', table => {
    table.dropColumn('previous_phase');
  });
};
