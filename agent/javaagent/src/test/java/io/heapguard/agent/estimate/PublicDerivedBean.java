package io.heapguard.agent.estimate;

/** A public class whose getter and field are inherited from a package-private base (test fixture). */
public class PublicDerivedBean extends PackagePrivateBase {
}

class PackagePrivateBase {
    public int width = 6;

    public int getHeight() {
        return 7;
    }
}
