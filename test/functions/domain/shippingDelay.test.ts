import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../../functions/src/domain/intent.js';
import { delayChoice, delayedShipment, isDelayed, orderTag, outreachKey } from '../../../functions/src/domain/shippingDelay.js';

const shipment = (over: Record<string, unknown> = {}) => ({
  id: 'S1', status: 'in_transit', promisedDeliveryAt: '2026-11-22T20:00:00Z', deliveredAt: null as string | null, estimatedDeliveryAt: '2026-11-25T20:00:00Z' as string | null | undefined, ...over,
});

describe('a delayed shipment', () => {
  it.each([
    ['ETA after the promise, in transit', {}, true],
    ['ETA after the promise, still in the warehouse', { status: 'label_created' }, true],
    ['ETA after the promise, held', { status: 'held' }, true],
    ['ETA the same as the promise', { estimatedDeliveryAt: '2026-11-22T20:00:00Z' }, false],
    ['ETA before the promise', { estimatedDeliveryAt: '2026-11-21T10:00:00Z' }, false],
    ['no ETA known', { estimatedDeliveryAt: null }, false],
    ['an OMS without the field', { estimatedDeliveryAt: undefined }, false],
    ['no promised date', { promisedDeliveryAt: null }, false],
    ['delivered (late)', { status: 'delivered', deliveredAt: '2026-11-25T15:00:00Z' }, false],
    ['returned to sender', { status: 'returned' }, false],
  ])('%s → %s', (_name, over, expected) => {
    expect(isDelayed(shipment(over))).toBe(expected);
  });

  it('is the delayed shipment arriving last, never one of a cancelled order', () => {
    const order = { status: 'partially_shipped', shipments: [shipment({ id: 'A' }), shipment({ id: 'B', estimatedDeliveryAt: '2026-11-30T20:00:00Z' }), shipment({ id: 'C', estimatedDeliveryAt: null })] };
    expect(delayedShipment(order)?.id).toBe('B');
    expect(delayedShipment({ ...order, status: 'cancelled' })).toBeNull();
    expect(delayedShipment({ status: 'shipped', shipments: [shipment({ estimatedDeliveryAt: null })] })).toBeNull();
  });
});

describe('the outreach dedupe key and tags', () => {
  it('is one key per order, shipment and ETA, whatever the ETA is written like', () => {
    expect(outreachKey('ORD-1008', 'SHP-1008', '2026-11-25T20:00:00Z')).toBe('delay:ORD-1008:SHP-1008:2026-11-25T20:00:00.000Z');
    expect(outreachKey('ORD-1008', 'SHP-1008', '2026-11-25T21:00:00+01:00')).toBe(outreachKey('ORD-1008', 'SHP-1008', '2026-11-25T20:00:00Z'));
    expect(outreachKey('ORD-1008', 'SHP-1008', '2026-11-26T20:00:00Z')).not.toBe(outreachKey('ORD-1008', 'SHP-1008', '2026-11-25T20:00:00Z'));
    expect(outreachKey('ORD-1008', 'SHP-2', '2026-11-25T20:00:00Z')).not.toBe(outreachKey('ORD-1008', 'SHP-1008', '2026-11-25T20:00:00Z'));
  });

  it('tags the order as the help desk stores tags, and the intent reader finds it back', () => {
    expect(orderTag('ORD-1008')).toBe('cc_order_ord-1008');
    expect(orderTag('#W2611340')).toBe('cc_order_#w2611340');
    const read = detectIntent({ subject: '', body: 'thanks', tags: ['cc_proactive', 'cc_intent_shipping_delay', orderTag('ORD-1008')] });
    expect(read).toMatchObject({ intent: 'shipping_delay', source: 'tag', orderIds: ['ORD-1008'] });
    expect(detectIntent({ subject: '', body: 'also #W2611340', tags: [orderTag('#W2611340')] }).orderIds).toEqual(['#W2611340']);
    expect(detectIntent({ subject: '', body: 'ORD-1001', tags: ['cc_order_nonsense'] }).orderIds).toEqual(['ORD-1001']);
  });
});

describe("the customer's choice", () => {
  it.each([
    // English
    ['please cancel it', 'cancel'],
    ['Cancel the order please.', 'cancel'],
    ["I'd like to cancel and get my money back", 'cancel'],
    ["I'll wait", 'wait'],
    ["No problem, I'll wait for it.", 'wait'],
    ['Keep it coming, thanks', 'wait'],
    ["Don't cancel it, I can wait", 'wait'],
    ["please don't cancel", 'wait'],
    ["I don't want to wait, cancel it", 'cancel'],
    ['Should I wait or cancel?', null],
    ['thanks for letting me know', null],
    ['', null],
    // Spanish
    ['Por favor, cancélalo.', 'cancel'],
    ['quiero cancelar el pedido', 'cancel'],
    ['Prefiero no esperar: anúlalo', 'cancel'],
    ['anular el pedido', 'cancel'],
    ['Prefiero no esperar, cancelar', 'cancel'],
    ['Esperaré, no pasa nada', 'wait'],
    ['Puedo esperar', 'wait'],
    ['No lo canceles, me lo quedo', 'wait'],
    ['¿Espero o cancelo?', null],
    // Portuguese
    ['Pode cancelar, por favor', 'cancel'],
    ['Quero o cancelamento', 'cancel'],
    ['Vou esperar', 'wait'],
    ['Não cancele, vou aguardar', 'wait'],
    ['Não quero esperar, cancela', 'cancel'],
    ['obrigado', null],
  ])('%j → %s', (text, expected) => {
    expect(delayChoice(text)).toBe(expected);
  });
});
