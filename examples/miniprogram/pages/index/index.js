const stores = [
  { name: 'Riverside', latitude: 31.2304, longitude: 121.4737 },
  { name: 'Old Town', latitude: 31.2243, longitude: 121.4920 }
];

// Equirectangular approximation, good enough within a city (metres).
function distance(a, b) {
  const rad = Math.PI / 180;
  const x = (b.longitude - a.longitude) * rad * Math.cos(((a.latitude + b.latitude) / 2) * rad);
  const y = (b.latitude - a.latitude) * rad;
  return Math.round(Math.sqrt(x * x + y * y) * 6371000);
}

Page({
  data: { store: null },

  // Location: asked only when the user taps, never at launch.
  findNearestStore() {
    wx.getLocation({
      type: 'gcj02',
      success: (here) => {
        const nearest = stores
          .map((s) => ({ name: s.name, distance: distance(here, s) }))
          .sort((a, b) => a.distance - b.distance)[0];
        this.setData({ store: nearest });
      },
      fail: (err) => {
        wx.showToast({ title: 'Location not available', icon: 'none' });
        console.warn('getLocation failed', err.errno, err.errMsg);
      }
    });
  },

  // PhoneNumber: the button hands over a one-time code that the shop's server exchanges.
  onPhoneNumber(e) {
    if (e.detail.code) {
      getApp().globalData.phoneCode = e.detail.code;
      wx.showToast({ title: 'Logged in' });
    }
  }
});
