/**
 * Start-up data: indexes, and the plan catalogue and inventory from the bootstrap file (create missing, never
 * overwrite).
 */
package io.provisio.subscription.bootstrap;
