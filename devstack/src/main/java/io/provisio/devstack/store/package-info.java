/**
 * The embedded MongoDB stand-in's storage (mongo-java-server, H2 backend) taught to use the indexes
 * the services declare, as a real mongod does: {@code _id} and unique keys also anchor queries with
 * further conditions, and non-unique indexes exist (kept in memory, rebuilt when the store opens). The
 * file holds documents and unique index keys as BSON, the keys compared by value ({@link StoreFormat}).
 */
package io.provisio.devstack.store;
