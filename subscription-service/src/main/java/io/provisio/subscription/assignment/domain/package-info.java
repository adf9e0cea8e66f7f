/** What one saga allocated (the ledger entry written before any unit moves). No Spring or MongoDB here. */
package io.provisio.subscription.assignment.domain;
