package org.hfmailbox.reference.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AbiTest {
    @Test
    void wakeUpForVm2Vcpu0IsTheWorkedValue() {
        assertEquals(0x20002L, RunResponse.encode(RunCode.WAKE_UP, 2, 0));
        assertEquals(new RunResponse(RunCode.WAKE_UP, 2, 0), RunResponse.decode(0x20002L));
    }

    @Test
    void messageOf22BytesIsTheWorkedValue() {
        assertEquals(0x0000001600000003L, new RunResponse(RunCode.MESSAGE, 0, 22).encode());
        assertEquals("0x0000001600000003", new Ret.Run(RunCode.MESSAGE, 0, 22).hex());
    }

    @Test
    void runCodesHaveTheirValues() {
        assertEquals(0, RunCode.YIELD.value());
        assertEquals(1, RunCode.WAIT_FOR_INTERRUPT.value());
        assertEquals(2, RunCode.WAKE_UP.value());
        assertEquals(3, RunCode.MESSAGE.value());
        assertEquals(0x1L, Ret.RUN_WAIT_FOR_INTERRUPT.encoding());
        assertEquals(0x0L, Ret.RUN_YIELD.encoding());
        assertNull(RunResponse.decode(0x4));
    }

    @Test
    void wakeUpWithInvalidVcpuPutsFfffInTheDataField() {
        assertEquals(0x0000ffff00010002L, RunResponse.encode(RunCode.WAKE_UP, 1, HfAbi.HF_INVALID_VCPU));
    }

    @Test
    void receiveResponseEncodesAndDecodes() {
        assertEquals(0x0000000500000002L, ReceiveResponse.encode(2, 5));
        ReceiveResponse minusOne = ReceiveResponse.decode(-1L);
        assertEquals(0xffff, minusOne.vmId());
        assertEquals(0xffffffffL, minusOne.size());
        assertEquals(new ReceiveResponse(7, 4096), ReceiveResponse.decode(ReceiveResponse.encode(7, 4096)));
    }

    @Test
    void runResponseRoundTripsOverFieldCorners() {
        long[] datas = {0, 1, 0xffff, 0x7fffffffL, 0xffffffffL};
        int[] vms = {0, 1, 0xfffe, 0xffff};
        for (RunCode c : RunCode.values()) {
            for (int vm : vms) {
                for (long d : datas) {
                    long enc = RunResponse.encode(c, vm, d);
                    assertEquals(0, (enc >>> 8) & 0xff, "bits 8..15 are zero");
                    assertEquals(new RunResponse(c, vm, d), RunResponse.decode(enc));
                }
            }
        }
    }

    @Test
    void fieldsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RunResponse(RunCode.YIELD, 0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> new RunResponse(RunCode.YIELD, 0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new ReceiveResponse(-1, 0));
    }

    @Test
    void intReturnsAreSignExtended() {
        assertEquals("0xffffffffffffffff", Ret.MINUS_ONE.hex());
        assertEquals("0xfffffffffffffffe", Ret.ofInt(Psci.INVALID_PARAMETERS).hex());
        assertEquals("0x000000000000ffff", Ret.ofInt(HfAbi.HF_INVALID_VCPU).hex());
        assertNull(Ret.NONE.hex());
    }

    @Test
    void functionIdMasksBit30AndTheUpperHalf() {
        assertEquals(HfAbi.HF_VCPU_RUN, HfAbi.functionId(0x4000ff00L));
        assertEquals(HfAbi.HF_MAILBOX_SEND, HfAbi.functionId(0xdead_beef_0000_ff04L));
        assertEquals(Psci.PSCI_CPU_ON, HfAbi.functionId(0xC4000003L));
        assertEquals(0xff01, HfAbi.HF_VM_GET_COUNT);
        assertEquals(0xff06, HfAbi.HF_MAILBOX_CLEAR);
        assertEquals(4096, HfAbi.HF_MAILBOX_SIZE);
        assertEquals(0xffff, HfAbi.HF_INVALID_VM_ID);
    }
}
