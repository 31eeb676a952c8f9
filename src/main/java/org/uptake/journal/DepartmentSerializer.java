package org.uptake.journal;

import akka.actor.ExtendedActorSystem;
import akka.serialization.SerializerWithStringManifest;
import java.io.NotSerializableException;

/**
 * Akka's side of {@link DepartmentCodec}: bound in {@code serialization.conf} to a department's events and snapshot.
 * The manifest is the class name, as Jackson's is, so the pinned names of persisted classes keep their meaning; each
 * journal row names its serializer, so runs recorded in Jackson CBOR are still read by Jackson.
 */
public final class DepartmentSerializer extends SerializerWithStringManifest {
  /** This serializer's id in the journal's rows (Akka keeps 0 to 40 for its own). */
  public static final int IDENTIFIER = 7301;

  public DepartmentSerializer(ExtendedActorSystem system) {}

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    return o.getClass().getName();
  }

  @Override
  public byte[] toBinary(Object o) {
    return DepartmentCodec.encode(o);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return DepartmentCodec.decode(Class.forName(manifest, false, getClass().getClassLoader()), bytes);
    } catch (ClassNotFoundException | IllegalArgumentException | ArithmeticException e) {
      NotSerializableException failure = new NotSerializableException(manifest + ": " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }
}
