/**
 * The ids the services give what they store. A new one is a version 7 UUID, so ids made later sort later; one derived
 * from a saga's id takes the saga's time, so everything a saga creates sorts where the saga does. Both are opaque to
 * clients (API.md); the order is for the store, whose trees then take new documents at one end (docs/adr/032).
 */
package io.provisio.ids;
