package org.hfmailbox.reference;

/** A hypervisor mapping failure the model abstracts, forced on a VM's next vm_configure (checks 6 and 7). */
public enum MapFailure {
    SEND("send_map_fails"), RECV("recv_map_fails");

    private final String pagesName;

    MapFailure(String pagesName) {
        this.pagesName = pagesName;
    }

    public String pagesName() {
        return pagesName;
    }
}
