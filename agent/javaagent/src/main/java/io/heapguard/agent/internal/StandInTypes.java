package io.heapguard.agent.internal;

import java.util.HashSet;
import java.util.Set;

import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.module.ModuleDescription;
import net.bytebuddy.description.type.PackageDescription;
import net.bytebuddy.description.type.RecordComponentDescription;
import net.bytebuddy.description.type.RecordComponentList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * The weaver's type cache for one class: a type its class loader cannot find (an optional dependency
 * that is absent, say) is described by a stand-in, a public class extending {@code Object} with no
 * members, and its name remembered. The advice needs such types only by name (frames, locals, the
 * return value), so a missing return or parameter type no longer stops the weave; the one question
 * the stand-in cannot answer, whether the type is a {@code CompletionStage}, is asked through
 * {@link #isMissing} ({@link ReturnedStage}).
 *
 * <p>Used by one weave on one thread.
 */
final class StandInTypes implements TypePool.CacheProvider {

    private final TypePool.CacheProvider cache = new TypePool.CacheProvider.Simple();
    private final Set<String> missing = new HashSet<>();

    @Override
    public TypePool.Resolution find(String name) {
        return cache.find(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
        if (resolution.isResolved()) {
            return cache.register(name, resolution);
        }
        missing.add(name);
        return cache.register(name, new TypePool.Resolution.Simple(new StandIn(name)));
    }

    @Override
    public void clear() {
        cache.clear();
        missing.clear();
    }

    /** Whether the loader could not find the type and a stand-in describes it. */
    boolean isMissing(String typeName) {
        return missing.contains(typeName);
    }

    /** A type known by its name only: a public class extending {@code Object}, without members or annotations. */
    private static final class StandIn extends TypeDescription.Latent {

        StandIn(String name) {
            super(name, Opcodes.ACC_PUBLIC, TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class));
        }

        @Override
        public MethodDescription.InDefinedShape getEnclosingMethod() {
            return null;
        }

        @Override
        public TypeDescription getEnclosingType() {
            return null;
        }

        @Override
        public TypeList getDeclaredTypes() {
            return new TypeList.Empty();
        }

        @Override
        public boolean isAnonymousType() {
            return false;
        }

        @Override
        public boolean isLocalType() {
            return false;
        }

        @Override
        public FieldList<FieldDescription.InDefinedShape> getDeclaredFields() {
            return new FieldList.Empty<>();
        }

        @Override
        public MethodList<MethodDescription.InDefinedShape> getDeclaredMethods() {
            return new MethodList.Empty<>();
        }

        @Override
        public PackageDescription getPackage() {
            String name = getName();
            int dot = name.lastIndexOf('.');
            return new PackageDescription.Simple(dot < 0 ? "" : name.substring(0, dot));
        }

        @Override
        public ModuleDescription toModuleDescription() {
            return null;
        }

        @Override
        public AnnotationList getDeclaredAnnotations() {
            return new AnnotationList.Empty();
        }

        @Override
        public TypeDescription getDeclaringType() {
            return null;
        }

        @Override
        public TypeDescription getNestHost() {
            return this;
        }

        @Override
        public TypeList getNestMembers() {
            return new TypeList.Explicit(this);
        }

        @Override
        public RecordComponentList<RecordComponentDescription.InDefinedShape> getRecordComponents() {
            return new RecordComponentList.Empty<>();
        }

        @Override
        public boolean isRecord() {
            return false;
        }

        @Override
        public TypeList getPermittedSubtypes() {
            return new TypeList.Empty();
        }
    }
}
